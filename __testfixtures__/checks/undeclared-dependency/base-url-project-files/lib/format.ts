export const rupiah = (amount: number) => `Rp ${amount.toLocaleString('id-ID')}`;
