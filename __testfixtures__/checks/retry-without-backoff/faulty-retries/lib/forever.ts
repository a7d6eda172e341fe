const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function getRates() {
  while (true) {
    try {
      return await fetch('https://api.exchangerate.host/latest');
    } catch (error) {
      console.warn('rates failed, retrying', error);
      await sleep(2000);
    }
  }
}
