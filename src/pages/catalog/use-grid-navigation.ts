import type { KeyboardEvent } from 'react';

/**
 * Remote-style navigation: arrow keys move focus across a grid of elements marked with
 * `data-grid-row` / `data-grid-col` inside the container; Home/End jump within a row.
 */
export function handleGridKeyDown(event: KeyboardEvent<HTMLElement>): void {
  const target = event.target as HTMLElement;
  const row = Number(target.dataset.gridRow);
  const col = Number(target.dataset.gridCol);
  if (!Number.isInteger(row) || !Number.isInteger(col)) return;
  const moves: Record<string, [number, number]> = {
    ArrowRight: [0, 1],
    ArrowLeft: [0, -1],
    ArrowDown: [1, 0],
    ArrowUp: [-1, 0],
  };
  const container = event.currentTarget;
  const cell = (r: number, c: number) =>
    container.querySelector<HTMLElement>(`[data-grid-row="${r}"][data-grid-col="${c}"]`);
  const rowCells = (r: number) => container.querySelectorAll<HTMLElement>(`[data-grid-row="${r}"]`);

  let next: HTMLElement | null = null;
  if (event.key === 'Home') next = cell(row, 0);
  else if (event.key === 'End') next = rowCells(row)[rowCells(row).length - 1] ?? null;
  else if (moves[event.key]) {
    const [dr, dc] = moves[event.key] ?? [0, 0];
    if (dr === 0) next = cell(row, col + dc);
    else {
      const cells = rowCells(row + dr);
      next = cells[Math.min(col, cells.length - 1)] ?? null;
    }
  }
  if (next) {
    event.preventDefault();
    next.focus();
  }
}
