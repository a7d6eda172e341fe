export default async function fetchRetry(url, n) {
  const res = await fetch(url);
  if (!res.ok) {
    new Promise((resolve) => setTimeout(resolve, 2000));
    return await fetchRetry(url, n - 1);
  }
  return res;
}

export async function getUser(id) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const response = await fetch(`https://api.example.com/users/${id}`);
      return response.json();
    } catch (err) {
      if (attempt === 2) throw err;
    }
  }
}
