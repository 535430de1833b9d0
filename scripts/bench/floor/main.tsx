/**
 * The framework floor for the bundle benchmark: the app's libraries alone, used the way the app uses
 * them (data router from react-router-dom, one trivial route, a QueryClientProvider, one zustand
 * store). Its initial JS is the denominator of every bundle ratio; it is never shipped.
 */
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { create } from 'zustand';

const useCounter = create<{ count: number; increment(): void }>()((set) => ({
  count: 0,
  increment: () => set((state) => ({ count: state.count + 1 })),
}));

function Home() {
  const { count, increment } = useCounter();
  const greeting = useQuery({ queryKey: ['greeting'], queryFn: async () => 'Hello' });
  return (
    <button type="button" onClick={increment}>
      {greeting.data ?? '…'} {count}
    </button>
  );
}

const router = createBrowserRouter([{ path: '/', Component: Home }]);
const queryClient = new QueryClient();

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
