import { Navigate, useLocation } from 'react-router';
import { useMe } from '../api/me';
import { FullPageLoader } from '../components/FullPageLoader';
import { FullPageError } from '../components/FullPageError';
import { AppLayout } from './AppLayout';

/** The signed-in part of the app: without a session, go to /login and come back afterwards. */
export function RequireAuth() {
  const location = useLocation();
  const me = useMe();
  if (me.isPending) return <FullPageLoader />;
  if (me.isError) return <FullPageError error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/login" replace state={{ from }} />;
  }
  return <AppLayout me={me.data} />;
}
