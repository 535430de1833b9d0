import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import type { AppConfig } from '../config/app-config';
import { PassProvider } from './pass-context';

const router = createBrowserRouter([
  {
    path: '/',
    lazy: async () => ({
      Component: (await import('../pages/walkthrough/walkthrough-page')).WalkthroughPage,
    }),
  },
  { path: '*', lazy: async () => ({ Component: (await import('../pages/not-found-page')).NotFoundPage }) },
]);

export function App({ config }: { config: AppConfig }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <PassProvider config={config}>
        <RouterProvider router={router} />
      </PassProvider>
    </QueryClientProvider>
  );
}
