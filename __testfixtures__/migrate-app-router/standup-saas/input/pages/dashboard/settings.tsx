import Head from 'next/head';
import { useRouter } from 'next/router';
import { useState, type FormEvent, type ReactElement } from 'react';
import AppLayout from '../../components/app-layout';
import Page from '../../components/page';
import type { NextPageWithLayout } from '../_app';

const Settings: NextPageWithLayout = () => {
  const router = useRouter();
  const plan = typeof router.query.plan === 'string' ? router.query.plan : 'free';
  const [saved, setSaved] = useState(false);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    router.push('/dashboard?tab=updates').then(() => setSaved(true));
  }

  return (
    <Page title="Settings" action={saved ? <span>Saved</span> : null}>
      <Head>
        <title>Settings | Standup</title>
      </Head>
      <form onSubmit={onSubmit}>
        <label>
          Plan
          <select name="plan" defaultValue={plan}>
            <option value="free">Free</option>
            <option value="team">Team</option>
            <option value="business">Business</option>
          </select>
        </label>
        <label>
          Stand-up closes at <input name="time" type="time" defaultValue="10:00" />
        </label>
        <button type="submit">Save</button>
      </form>
    </Page>
  );
};

Settings.getLayout = (page: ReactElement) => <AppLayout>{page}</AppLayout>;

export default Settings;
