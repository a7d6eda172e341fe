export interface NameAmount {
  name: string;
  amount: number;
}
