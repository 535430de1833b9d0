import { Link } from 'react-router-dom';

export function NotFoundPage() {
  return (
    <div className="narrow stack">
      <h1>Page not found</h1>
      <p>This page doesn’t exist.</p>
      <Link className="button primary" to="/">
        Browse
      </Link>
    </div>
  );
}
