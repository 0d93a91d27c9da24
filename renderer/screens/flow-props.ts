// What the payment step and the result screen take from any sale flow (the factory's common part),
// wired once: a screen adds only what is its own (the summary, the amounts, the labels).
import type { AppInfo, Locale } from '../../shared/contract';
import { errorText, type Translate } from '../i18n';
import type { FlowBase } from '../stores/sale-flow';
import type { PaymentPanelProps } from '../components/payment/PaymentPanel';

export type FlowPaymentProps = Pick<PaymentPanelProps, 't' | 'choice' | 'busy' | 'error' | 'errorMessage' | 'onTendered' | 'onMethod' | 'onVaBank' | 'onPay' | 'onBack'>;

export function flowPaymentProps(flow: FlowBase<string>, t: Translate, locale: Locale): FlowPaymentProps {
  return {
    t,
    choice: flow,
    busy: flow.busy,
    error: flow.error,
    errorMessage: (e) => errorText(t, locale, e),
    onTendered: flow.setTendered,
    onMethod: flow.setPayMethod,
    onVaBank: flow.setVaBank,
    onPay: (card) => void flow.pay(card),
    onBack: flow.back,
  };
}

/** The result screen's props for a flow whose sale exists. */
export function flowResultProps(flow: FlowBase<string>, t: Translate, locale: Locale, info: AppInfo | null, onShown: () => void) {
  return {
    sale: flow.sale!,
    receipt: flow.receipt,
    printed: flow.printed,
    busy: flow.busy,
    error: flow.error,
    t,
    locale,
    actions: flow,
    onNew: flow.reset,
    onShown,
    merchant: info?.outlet.name ?? '',
    providerNames: info?.providerNames ?? {},
  };
}
