"use client"

export function Share() {
  return <a href={`${process.env.NEXT_PUBLIC_APP_URL}/share`}>Share {process.env.ANALYTICS_ID}</a>
}
