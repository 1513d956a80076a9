import { Suspense } from 'react';
import { RouterProvider } from 'react-router';
import { FullPageLoader } from '../components/FullPageLoader';
import { Providers } from './Providers';
import { router } from './router';

export function App() {
  return (
    <Providers>
      {/* Pages are fetched on first visit (lazyPage): the first one shows this meanwhile. */}
      <Suspense fallback={<FullPageLoader />}>
        <RouterProvider router={router} />
      </Suspense>
    </Providers>
  );
}
