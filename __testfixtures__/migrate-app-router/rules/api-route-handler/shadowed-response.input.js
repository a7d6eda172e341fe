import { deleteImage } from '../../lib/images';

export default async function handler(req, res) {
  if (req.method !== 'DELETE') return res.status(405).end();
  await deleteImage(req.query.id);
  fetch(`https://cdn.example.com/purge?id=${req.query.id}`)
    .then((res) => res.text())
    .then((res) => console.log(res));
  res.status(200).send('deleted');
}
