import chromium from 'chrome-aws-lambda';

export async function pageTitle(url: string): Promise<string> {
  const browser = await chromium.puppeteer.launch({ executablePath: await chromium.executablePath });
  const page = await browser.newPage();
  await page.goto(url);
  const title = await page.title();
  await browser.close();
  return title;
}
