import { uploadLogo } from './actions';

export default function SettingsPage() {
  return (
    <form action={uploadLogo}>
      <input type="file" name="logo" accept="image/*" />
      <button type="submit">Upload</button>
    </form>
  );
}
