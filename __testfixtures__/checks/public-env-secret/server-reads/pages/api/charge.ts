export default function handler() {
  return process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY;
}
