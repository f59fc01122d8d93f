import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { describeError, describeErrorResult } from '../../api/errors';
import { formText } from '../../components/forms';
import { Empty, ErrorMessage } from '../../components/Feedback';
import { PlaceOrderDocument, type PreviewLevel } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import { cartTotals, clearCart, removeFromCart, useCart } from './cart';

const PREVIEW_LEVELS: PreviewLevel[] = ['none', 'bbox', 'low_poly', 'full'];

export function CartPage() {
  const { t, money, number } = useI18n();
  const cart = useCart();
  const navigate = useNavigate();
  const [placeOrder, { loading }] = useMutation(PlaceOrderDocument);
  const [problem, setProblem] = useState<string | null>(null);
  const totals = cartTotals(cart);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = formText(form);
    setProblem(null);
    try {
      const result = (
        await placeOrder({
          variables: {
            input: {
              lines: cart.map((line) => ({ quoteId: line.quoteId, quantity: line.quantity })),
              shippingAddress: {
                name: text('name'),
                line1: text('line1'),
                line2: text('line2') || undefined,
                city: text('city'),
                postalCode: text('postalCode'),
                region: text('region') || undefined,
                country: text('country').toUpperCase(),
              },
              previewLevelBeforeAward: text('previewLevel') as PreviewLevel,
            },
          },
        })
      ).data!.placeOrder;
      if (result.__typename !== 'Order') return setProblem(describeErrorResult(t, result));
      clearCart();
      navigate(`/designer/orders/${result.id}`);
    } catch (error) {
      setProblem(describeError(t, error));
    }
  };

  return (
    <section>
      <h1>{t('designer.cart.title')}</h1>
      {cart.length === 0 ? (
        <Empty>{t('designer.cart.empty')}</Empty>
      ) : (
        <>
          <div className="table-scroll">
            <table className="table" data-testid="cart-table">
              <thead>
                <tr>
                  <th scope="col">{t('designer.cart.colPart')}</th>
                  <th scope="col">{t('designer.cart.colConfig')}</th>
                  <th scope="col" className="num">{t('designer.cart.colQuantity')}</th>
                  <th scope="col" className="num">{t('designer.cart.colUnit')}</th>
                  <th scope="col" className="num">{t('designer.cart.colTotal')}</th>
                  <th scope="col"><span className="visually-hidden">{t('common.cancel')}</span></th>
                </tr>
              </thead>
              <tbody>
                {cart.map((line) => (
                  <tr key={line.quoteId}>
                    <td>{line.partName}</td>
                    <td>{line.process} · {line.material} · {t('designer.quote.days', { days: line.leadTimeDays })}</td>
                    <td className="num">{number(line.quantity, 0)}</td>
                    <td className="num">{money(line.unitPriceMinor, line.currency)}</td>
                    <td className="num">{money(line.unitPriceMinor * line.quantity, line.currency)}</td>
                    <td>
                      <button type="button" className="link-button" onClick={() => removeFromCart(line.quoteId)} aria-label={t('designer.cart.remove', { name: line.partName })}>✕</button>
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <td colSpan={4}>{t('designer.cart.total')}</td>
                  <td className="num" data-testid="cart-total">{totals.map((total) => money(total.totalMinor, total.currency)).join(' + ')}</td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </div>
          {totals.length > 1 && <p className="error">{t('designer.cart.mixedCurrencies')}</p>}
          <form className="panel form" onSubmit={submit} aria-labelledby="checkout-heading">
            <h2 id="checkout-heading">{t('designer.cart.checkout')}</h2>
            <fieldset className="form-grid">
              <legend>{t('designer.cart.shipping')}</legend>
              <label>{t('designer.cart.name')}<input name="name" required autoComplete="organization" /></label>
              <label>{t('designer.cart.line1')}<input name="line1" required autoComplete="address-line1" /></label>
              <label>{t('designer.cart.line2')}<input name="line2" autoComplete="address-line2" /></label>
              <label>{t('designer.cart.city')}<input name="city" required autoComplete="address-level2" /></label>
              <label>{t('designer.cart.postalCode')}<input name="postalCode" required autoComplete="postal-code" /></label>
              <label>{t('designer.cart.region')}<input name="region" autoComplete="address-level1" /></label>
              <label>{t('designer.cart.country')}<input name="country" required maxLength={2} pattern="[A-Za-z]{2}" autoComplete="country" /></label>
            </fieldset>
            <label>
              {t('designer.cart.previewLevel')}
              <select name="previewLevel" defaultValue="low_poly">
                {PREVIEW_LEVELS.map((level) => (
                  <option key={level} value={level}>{t(`designer.cart.previewLevels.${level}`)}</option>
                ))}
              </select>
            </label>
            <ErrorMessage>{problem}</ErrorMessage>
            <p>
              <button type="submit" className="primary" disabled={loading || totals.length !== 1}>{loading ? t('designer.cart.placing') : t('designer.cart.placeOrder')}</button>
            </p>
          </form>
        </>
      )}
    </section>
  );
}
