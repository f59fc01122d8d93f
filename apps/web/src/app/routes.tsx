import type { ReactElement } from 'react';
import type { Role } from '../gql/graphql';
import type { Key } from '../i18n/i18n';
import { designerPages } from '../pages/designer/routes';
import { factoryPages } from '../pages/factory/routes';
import { operatorPages } from '../pages/operator/routes';

/** One page of a role's area: its path under the area, the element, and (when it has one) its navigation label. */
export interface PageRoute {
  path: string;
  element: ReactElement;
  nav?: Key;
}

export interface RoleArea {
  prefix: string;
  roles: readonly Role[];
  pages: PageRoute[];
}

/** Every signed-in area. A new page: add a file under pages/<role>/ and a line in that role's routes.tsx. */
export const ROLE_AREAS: RoleArea[] = [
  { prefix: '/designer', roles: ['designer'], pages: designerPages },
  { prefix: '/factory', roles: ['factory_admin', 'factory_member'], pages: factoryPages },
  { prefix: '/operator', roles: ['operator'], pages: operatorPages },
];

export function navigationFor(role: Role): Array<{ to: string; label: Key }> {
  const area = ROLE_AREAS.find((candidate) => candidate.roles.includes(role));
  if (!area) return [];
  return area.pages.filter((page) => page.nav).map((page) => ({ to: `${area.prefix}/${page.path}`, label: page.nav! }));
}
