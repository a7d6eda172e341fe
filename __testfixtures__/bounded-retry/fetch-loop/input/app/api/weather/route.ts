export async function GET() {
  let retries = 0;
  while (true) {
    try {
      return await fetch('https://api.weather.example/now');
    } catch (error) {
      retries++;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}
