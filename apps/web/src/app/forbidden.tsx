import Link from 'next/link';

export default function Forbidden() {
  return (
    <div className="center">
      <div className="card signin">
        <h1>403 — not for your role</h1>
        <p className="muted">Your account does not have access to this page.</p>
        <Link href="/">Back to your start page</Link>
      </div>
    </div>
  );
}
