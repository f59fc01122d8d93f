import type { Translation } from '../../catalog';
import type { auth as en } from '../en/auth';

export const auth: Translation<typeof en> = {
  signInTitle: 'Đăng nhập',
  signUpTitle: 'Tạo tài khoản',
  email: 'E-mail',
  password: 'Mật khẩu',
  passwordHint: 'Ít nhất 10 ký tự.',
  displayName: 'Họ tên',
  organizationName: 'Công ty (hoặc tên của bạn)',
  organizationKind: 'Tôi muốn',
  kindDesigner: 'Đặt gia công chi tiết (nhà thiết kế)',
  kindFactory: 'Gia công chi tiết (nhà máy)',
  country: 'Quốc gia (hai chữ cái, ví dụ VN)',
  submitSignIn: 'Đăng nhập',
  submitSignUp: 'Tạo tài khoản',
  working: 'Vui lòng chờ…',
  noAccount: 'Chưa có tài khoản?',
  haveAccount: 'Đã có tài khoản?',
  goSignUp: 'Tạo tài khoản',
  goSignIn: 'Đăng nhập',
  sessionExpired: 'Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.',
};
