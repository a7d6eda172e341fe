export const connectLinks = [
  { href: "https://github.com/example", label: "GitHub" },
]
