import { useId, useState } from 'react';
import type { Mvpd } from '../../pass';
import { ProviderLogo } from '../../components/provider-logo';

/** Lists longer than this get a search box. */
const SEARCH_THRESHOLD = 8;

interface ProviderListProps {
  providers: readonly Mvpd[];
  onChoose: (provider: Mvpd) => void;
  disabled?: boolean;
}

/** The MVPD grid: logo and name on one button per provider, filtered by a search box on long lists. */
export function ProviderList({ providers, onChoose, disabled = false }: ProviderListProps) {
  const [query, setQuery] = useState('');
  const searchId = useId();
  const needle = query.trim().toLowerCase();
  const shown = needle
    ? providers.filter(
        (p) => p.displayName.toLowerCase().includes(needle) || p.id.toLowerCase().includes(needle),
      )
    : providers;
  return (
    <div className="stack">
      {providers.length > SEARCH_THRESHOLD && (
        <div className="field">
          <label htmlFor={searchId}>Search TV providers</label>
          <input
            id={searchId}
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            autoComplete="off"
            data-testid="provider-search"
          />
        </div>
      )}
      <ul className="provider-grid" aria-label="TV providers">
        {shown.map((provider) => (
          <li key={provider.id}>
            <button
              type="button"
              className="provider-option"
              onClick={() => onChoose(provider)}
              disabled={disabled}
              data-testid="provider-option"
              data-mvpd={provider.id}
            >
              <ProviderLogo src={provider.logoUrl} size="large" />
              <span>{provider.displayName}</span>
            </button>
          </li>
        ))}
      </ul>
      {shown.length === 0 && <p role="status">No TV provider matches “{query}”.</p>}
    </div>
  );
}
