import React from 'react';

const QUOTES = [
  { who: 'Priya, engineering manager', text: 'We got our mornings back.' },
  { who: 'Tomás, founder', text: 'The Slack summary is the only stand-up I read.' },
  { who: 'Mei, designer', text: 'Finally a stand-up that works across time zones.' },
];

type State = { index: number };

/** Rotates through customer quotes every few seconds. */
export default class Testimonials extends React.Component<Record<string, never>, State> {
  state: State = { index: 0 };
  private timer: ReturnType<typeof setInterval> | undefined;

  componentDidMount() {
    this.timer = setInterval(() => this.setState(({ index }) => ({ index: (index + 1) % QUOTES.length })), 5000);
  }

  componentWillUnmount() {
    clearInterval(this.timer);
  }

  render() {
    const quote = QUOTES[this.state.index];
    return (
      <figure>
        <blockquote>“{quote.text}”</blockquote>
        <figcaption>{quote.who}</figcaption>
        <button type="button" onClick={() => this.setState({ index: (this.state.index + 1) % QUOTES.length })}>
          Next
        </button>
      </figure>
    );
  }
}
