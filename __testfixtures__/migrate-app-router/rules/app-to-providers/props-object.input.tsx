import type { AppProps } from 'next/app';
import { ThemeProvider } from '@mui/material';
import { theme } from '../lib/theme';

export default function App(props: AppProps) {
  const { Component } = props;
  return (
    <ThemeProvider theme={theme}>
      <Component {...props.pageProps} />
    </ThemeProvider>
  );
}
