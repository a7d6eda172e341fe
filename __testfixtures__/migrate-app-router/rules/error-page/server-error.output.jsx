'use client';

export default function ServerError() {
  return <h1>500 - Server-side error occurred</h1>;
}
