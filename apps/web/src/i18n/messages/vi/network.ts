import type { Translation } from '../../catalog';
import type { network as en } from '../en/network';

export const network: Translation<typeof en> = {
  factoryStatus: {
    applied: 'Đã nộp hồ sơ',
    under_review: 'Đang xét duyệt',
    approved: 'Đã duyệt',
    rejected: 'Bị từ chối',
    suspended: 'Bị đình chỉ',
  },
  certificateStatus: {
    pending: 'Chờ xác minh',
    verified: 'Đã xác minh',
    rejected: 'Bị từ chối',
    expired: 'Hết hạn',
  },
  certificateKind: {
    iso_9001: 'ISO 9001',
    as9100d: 'AS9100D',
    iso_13485: 'ISO 13485',
    iatf_16949: 'IATF 16949',
    iso_14001: 'ISO 14001',
    itar_registration: 'Đăng ký ITAR',
    other: 'Chứng chỉ khác',
  },
  appealStatus: {
    open: 'Đang khiếu nại',
    upheld: 'Khiếu nại được chấp nhận',
    dismissed: 'Khiếu nại bị bác',
  },
  scoreEventKind: {
    delivery_on_time: 'Giao đúng hạn',
    delivery_late: 'Giao trễ',
    accepted_clean: 'Được nghiệm thu không vấn đề',
    disputed: 'Bị tranh chấp',
    rework: 'Phải làm lại',
    offer_response: 'Đã trả lời đề nghị',
    offer_accepted: 'Đã nhận đề nghị',
    offer_declined: 'Đã từ chối đề nghị',
    review: 'Đánh giá',
    review_quality: 'Đánh giá: chất lượng',
    review_timeliness: 'Đánh giá: đúng hạn',
    review_communication: 'Đánh giá: giao tiếp',
  },
};
