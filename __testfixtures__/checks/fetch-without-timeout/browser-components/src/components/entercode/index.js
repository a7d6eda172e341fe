import { useState } from 'react'

export default function EnterCode({ phone }) {
  const [code, setCode] = useState('')

  function send() {
    fetch('https://admin.example-masters.net/sendcode', { method: 'POST', body: JSON.stringify({ phone, code }) })
      .then(res => res.json())
      .then(data => console.log(data))
  }

  return <button onClick={send}>{code}</button>
}
