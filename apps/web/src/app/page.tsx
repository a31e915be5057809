import { redirect } from 'next/navigation';
import { hasRole } from '@lae-studio/auth';
import { currentUser } from '@/server/session';

export const dynamic = 'force-dynamic';

/** Send each person where they work: admins to the dashboard, everyone else to their tasks. */
export default async function Home() {
  const user = await currentUser();
  if (!user) redirect('/signin');
  redirect(hasRole(user.role, 'admin') ? '/admin' : '/work');
}
