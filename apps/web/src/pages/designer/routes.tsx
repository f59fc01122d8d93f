import type { PageRoute } from '../../app/routes';
import { CartPage } from './CartPage';
import { OrderPage } from './OrderPage';
import { OrdersPage } from './OrdersPage';
import { PartPage } from './PartPage';
import { PartsPage } from './PartsPage';

/** The designer's pages, under /designer. */
export const designerPages: PageRoute[] = [
  { path: 'parts', element: <PartsPage />, nav: 'common.nav.parts' },
  { path: 'parts/:partId', element: <PartPage /> },
  { path: 'cart', element: <CartPage />, nav: 'common.nav.cart' },
  { path: 'orders', element: <OrdersPage />, nav: 'common.nav.orders' },
  { path: 'orders/:orderId', element: <OrderPage /> },
];
