import { SearchBox } from '../../components/search-box';

export default function SearchPage() {
  return (
    <main>
      <SearchBox />
    </main>
  );
}
