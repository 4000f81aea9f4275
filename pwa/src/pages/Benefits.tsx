/**
 * The benefits wallet (/benefits): benefits to use now (nearest first when the location is known), a confirm
 * step before using one, the code to show at the venue, and "My codes" — kept on the device, so they show
 * offline and after a reload. Using a benefit needs the network; offline it is refused with a clear message.
 */
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { nearPoint, settings } from '../state/settings';
import { online } from '../state/online';
import { deviceToken } from '../state/device';
import { useQuery } from '../hooks/useQuery';
import { usePageTitle } from '../hooks/usePageTitle';
import {
  fetchWallet,
  saveRedemptions,
  savedRedemptions,
  walletVariables,
  WALLET_CACHE_KEY,
  type SavedRedemption,
  type WalletBenefit,
} from '../api/benefits';
import { formatSessionStart } from '../format';
import { ErrorNotice } from '../components/ErrorNotice';
import { Icon } from '../components/Icon';
import { Section } from '../components/Section';
import { WalletCard } from '../components/wallet/WalletCard';
import { RedeemDialog } from '../components/wallet/RedeemDialog';
import { MyCodes } from '../components/wallet/MyCodes';
import '../components/wallet/wallet.css';

export default function BenefitsPage() {
  const s = settings.value;
  usePageTitle(t('benefits.title'));
  const point = nearPoint(s);
  const variables = walletVariables(point);
  const wallet = useQuery({
    key: `wallet:${s.language}:${JSON.stringify(variables)}:${deviceToken.value ? 'device' : 'anonymous'}`,
    cacheKey: WALLET_CACHE_KEY,
    fetch: (signal) => fetchWallet(variables, signal),
  });
  const [codes, setCodes] = useState<SavedRedemption[]>(savedRedemptions);
  const [using, setUsing] = useState<WalletBenefit | null>(null);

  const onRedeemed = (got: SavedRedemption[] | SavedRedemption) => {
    setCodes(Array.isArray(got) ? got : saveRedemptions([got]));
  };
  const onClose = (changed: boolean) => {
    setUsing(null);
    if (changed) wallet.reload();
  };

  const benefits = Array.isArray(wallet.data) ? wallet.data : undefined;
  return (
    <div class="page wallet">
      <h1>{t('benefits.title')}</h1>
      <p class="lead">{t('benefits.intro')}</p>

      <Section id="available" title={t('benefits.availableTitle')}>
        {!online.value && (
          <p class="notice">
            <Icon name="offline" size={20} /> {t('benefits.offlineNote')}
          </p>
        )}
        {wallet.fromCache && wallet.savedAt && wallet.error && (
          <p class="notice">{t('common.savedCopy', { time: formatSessionStart(wallet.savedAt, s.language) })}</p>
        )}
        {wallet.error && !benefits && <ErrorNotice error={wallet.error} onRetry={wallet.reload} />}
        {wallet.loading && !benefits && (
          <p class="loading" role="status">
            {t('common.loading')}
          </p>
        )}
        {benefits &&
          (benefits.length ? (
            <>
              {point && <p class="hint-line">{t('benefits.nearNote')}</p>}
              <ul class="card-list">
                {benefits.map((b) => (
                  <li key={b.id}>
                    <WalletCard benefit={b} onUse={setUsing} />
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>{t('benefits.availableEmpty')}</p>
          ))}
      </Section>

      <Section id="my-codes" title={t('benefits.myCodesTitle')}>
        <MyCodes codes={codes} />
      </Section>

      <RedeemDialog benefit={using} onClose={onClose} onRedeemed={onRedeemed} />
    </div>
  );
}
