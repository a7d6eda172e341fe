export const key = 'sk_test_51HxAbCdEfGhIjKlMnOpQrStUv';
