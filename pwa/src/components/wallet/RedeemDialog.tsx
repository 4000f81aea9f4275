import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { language } from '../../state/settings';
import { ApiError } from '../../api/client';
import {
  redeemBenefit,
  redeemErrorKey,
  restoreRedemptions,
  usesLeft,
  type SavedRedemption,
  type WalletBenefit,
} from '../../api/benefits';
import { offerRating } from '../../state/rating';
import { Text } from '../Text';
import { Modal } from '../Modal';
import { CodeView } from './CodeView';

type Step =
  | { kind: 'confirm' }
  | { kind: 'busy' }
  | { kind: 'done'; redemption: SavedRedemption; earlier: boolean }
  | { kind: 'error'; error: ApiError };

/** Errors worth another try right away (the others will not change by trying again). */
const RETRYABLE = new Set(['OFFLINE', 'TIMEOUT', 'RATE_LIMITED', 'INTERNAL', 'HTTP', 'UNAUTHENTICATED']);

/**
 * The confirm step and its outcome: "Use this benefit now?" (Cancel / Use now) → the code and its validity, or
 * a plain explanation of why there is no code. A code the device got before (LIMIT_REACHED, or an answer lost
 * to a timeout) is looked up from the server's "my data" and shown instead of an error.
 */
export function RedeemDialog({
  benefit,
  onClose,
  onRedeemed,
}: {
  /** The benefit to use; null: closed. */
  benefit: WalletBenefit | null;
  /** `changed`: something happened on the server (refresh the listing). */
  onClose: (changed: boolean) => void;
  onRedeemed: (codes: SavedRedemption[] | SavedRedemption) => void;
}) {
  const [step, setStep] = useState<Step>({ kind: 'confirm' });
  const changed = useRef(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (benefit) {
      setStep({ kind: 'confirm' });
      changed.current = false;
    }
  }, [benefit?.id]);

  // the code or an error replaces the question: read it out by moving focus to the new heading
  useEffect(() => {
    if (step.kind === 'done' || step.kind === 'error') headingRef.current?.focus();
  }, [step.kind]);

  const close = () => {
    if (step.kind === 'busy') return;
    onClose(changed.current);
    // a benefit just used: "How did it go?" once the code has been seen (not over the dialog)
    if (step.kind === 'done' && !step.earlier) offerRating('redemption', step.redemption.hobby?.id ?? null);
  };

  const redeem = async () => {
    if (!benefit || step.kind === 'busy') return;
    setStep({ kind: 'busy' });
    try {
      const redemption = await redeemBenefit(benefit.id);
      changed.current = true;
      onRedeemed(redemption);
      setStep({ kind: 'done', redemption, earlier: false });
    } catch (caught) {
      const error = caught instanceof ApiError ? caught : new ApiError('INTERNAL', String(caught));
      if (error.code === 'LIMIT_REACHED' || error.code === 'TIMEOUT') {
        changed.current = true;
        // maybe the code exists already: fetch it rather than leave the person without one
        const earlier = await restoreRedemptions([benefit]).catch(() => null);
        if (earlier) onRedeemed(earlier);
        const mine = earlier?.filter((r) => r.benefitId === benefit.id) ?? [];
        if (mine.length) {
          setStep({ kind: 'done', redemption: mine[0], earlier: error.code === 'LIMIT_REACHED' });
          return;
        }
      }
      if (error.code !== 'OFFLINE') changed.current = true;
      setStep({ kind: 'error', error });
    }
  };

  const lang = language.value;
  return (
    <Modal
      open={!!benefit}
      onClose={close}
      labelledBy="redeem-title"
      describedBy={step.kind === 'confirm' || step.kind === 'busy' ? 'redeem-text' : undefined}
      testId="redeem-dialog"
      // the "Use benefit" button may go away (used up): continue from the codes, where the new one is
      returnFocusTo={step.kind === 'done' ? '#my-codes-title' : undefined}
    >
      {benefit && (step.kind === 'confirm' || step.kind === 'busy') && (
        <>
          <h2 id="redeem-title">{t('benefits.confirmTitle')}</h2>
          <p class="redeem-benefit">
            <Text value={benefit.title} />
            {benefit.organizationName && <span class="card-meta"> · {benefit.organizationName}</span>}
          </p>
          <p id="redeem-text">
            {t('benefits.confirmText')}
            {usesLeft(benefit) === 1 && ` ${t('benefits.confirmOnce')}`}
          </p>
          <p class="status-line" role="status">
            {step.kind === 'busy' ? t('benefits.redeeming') : ''}
          </p>
          <div class="button-row">
            {/* aria-disabled, not disabled, while busy: a disabled button would drop the keyboard focus */}
            <button
              type="button"
              class="button"
              onClick={close}
              aria-disabled={step.kind === 'busy' ? 'true' : undefined}
              data-autofocus
            >
              {t('benefits.cancel')}
            </button>
            <button
              type="button"
              class="button button-primary"
              onClick={redeem}
              aria-disabled={step.kind === 'busy' ? 'true' : undefined}
            >
              {t('benefits.useNow')}
            </button>
          </div>
        </>
      )}
      {benefit && step.kind === 'done' && (
        <>
          <h2 id="redeem-title" ref={headingRef} tabIndex={-1}>
            {t('benefits.codeTitle')}
          </h2>
          {step.earlier && <p>{t('benefits.alreadyHadCode')}</p>}
          <CodeView redemption={step.redemption} lang={lang} big />
          <p>{t('benefits.codeSaved')}</p>
          <div class="button-row">
            <button type="button" class="button button-primary" onClick={close}>
              {t('benefits.done')}
            </button>
          </div>
        </>
      )}
      {benefit && step.kind === 'error' && (
        <>
          <h2 id="redeem-title" ref={headingRef} tabIndex={-1}>
            {t('benefits.errorTitle')}
          </h2>
          <p class="notice notice-error" role="alert">
            {t(redeemErrorKey(step.error.code))}
          </p>
          <div class="button-row">
            <button type="button" class="button" onClick={close}>
              {t('benefits.close')}
            </button>
            {RETRYABLE.has(step.error.code) && (
              <button type="button" class="button button-primary" onClick={redeem}>
                {t('benefits.tryAgain')}
              </button>
            )}
          </div>
        </>
      )}
    </Modal>
  );
}
