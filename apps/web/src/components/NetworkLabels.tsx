import type { CertificateKind, CertificateStatus, FactoryStatus, ScoreAppealStatus } from '../gql/graphql';
import { useI18n } from '../i18n/i18n';

/** Badges for the factory network's states, worded in the network catalogue (the common badge covers orders and quotes). */
export function FactoryStatusBadge({ status }: { status: FactoryStatus }) {
  const { t } = useI18n();
  return <span className={`badge badge-factory-${status}`}>{t(`network.factoryStatus.${status}`)}</span>;
}

export function CertificateStatusBadge({ status }: { status: CertificateStatus }) {
  const { t } = useI18n();
  return <span className={`badge badge-certificate-${status}`}>{t(`network.certificateStatus.${status}`)}</span>;
}

export function AppealStatusBadge({ status }: { status: ScoreAppealStatus }) {
  const { t } = useI18n();
  return <span className={`badge badge-appeal-${status}`}>{t(`network.appealStatus.${status}`)}</span>;
}

export function useCertificateName(): (certificate: { kind: CertificateKind; title?: string | null }) => string {
  const { t } = useI18n();
  return (certificate) => (certificate.kind === 'other' && certificate.title ? certificate.title : t(`network.certificateKind.${certificate.kind}`));
}
