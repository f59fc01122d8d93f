import type { Translation } from '../../catalog';
import type { operator as en } from '../en/operator';

export const operator: Translation<typeof en> = {
  ledger: {
    title: 'Sổ cái và chi trả',
    intro: 'Mọi dòng tiền dưới dạng bút toán kép cân đối, và các khoản chuyển cho nhà máy.',
    transfers: 'Chuyển khoản cho nhà máy',
    noTransfers: 'Chưa có khoản chuyển nào.',
    colDate: 'Ngày',
    colFactory: 'Tổ chức nhà máy',
    colOrder: 'Đơn hàng',
    colAmount: 'Số tiền',
    colStatus: 'Trạng thái',
    colStripe: 'Mã chuyển Stripe',
    lines: 'Các dòng sổ cái',
    filterOrder: 'Mã đơn hàng (không bắt buộc)',
    filter: 'Lọc',
    colAccount: 'Tài khoản',
    colKind: 'Bút toán',
    colMemo: 'Diễn giải',
    colDebit: 'Nợ',
    colCredit: 'Có',
    noLines: 'Không có dòng sổ cái nào.',
    balanced: 'Tổng Nợ bằng tổng Có cho mỗi loại tiền hiển thị.',
    unbalanced: 'Tổng Nợ và Có hiển thị chênh nhau {amount} (danh sách có thể bị cắt theo giới hạn).',
  },
};
