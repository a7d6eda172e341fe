import Stripe from 'stripe';

export interface Plan {
  id: string;
  price: number;
}

export const stripe = new Stripe(process.env.STRIPE_SECRET_KEY as string);
export const plans: Plan[] = [{ id: 'basic', price: 5 }];
