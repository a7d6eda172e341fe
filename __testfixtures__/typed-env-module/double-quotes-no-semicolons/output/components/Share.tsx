"use client"
import { env } from "../env/client"

export function Share() {
  return <a href={`${env.NEXT_PUBLIC_APP_URL}/share`}>Share {process.env.ANALYTICS_ID}</a>
}
