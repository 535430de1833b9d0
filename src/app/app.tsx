import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { RouterProvider } from 'react-router-dom';
import type { AppConfig } from '../config/app-config';
import { DeepLinkGate } from './deep-link-gate';
import { PassProvider } from './pass-context';
import { router } from './router';

export function App({ config }: { config: AppConfig }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { retry: false, refetchOnWindowFocus: false },
          mutations: { retry: false },
        },
      }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <PassProvider config={config}>
        <RouterProvider router={router} />
        <DeepLinkGate />
      </PassProvider>
    </QueryClientProvider>
  );
}
