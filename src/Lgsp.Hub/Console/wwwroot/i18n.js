// Texts of the console, Vietnamese first; English when the operator toggles it (kept in localStorage: a
// preference, never a credential).
const texts = {
  vi: {
    'app.title': 'Bảng điều khiển vận hành LGSP',
    'app.loading': 'Đang tải…',
    'nav.adapters': 'Bộ kết nối',
    'nav.deadLetters': 'Thư chết',
    'nav.clients': 'Ứng dụng khách',
    'nav.label': 'Điều hướng',
    'lang.other': 'English',
    'auth.signIn': 'Đăng nhập',
    'auth.signOut': 'Đăng xuất',
    'auth.signedOutTitle': 'Đăng nhập để vận hành LGSP',
    'auth.signedOutLead': 'Bảng điều khiển dùng tài khoản đăng nhập một lần (SSO) của nền tảng. Tài khoản cần vai trò lgsp-operator.',
    'auth.expired': 'Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.',
    'auth.stateMismatch': 'Phản hồi đăng nhập không khớp với yêu cầu (state). Vui lòng đăng nhập lại.',
    'auth.failed': 'Đăng nhập không thành công: {error}',
    'auth.forbidden': 'Tài khoản {user} không có quyền quản trị LGSP (cần vai trò lgsp-operator). Hãy đăng nhập bằng tài khoản quản trị hoặc liên hệ quản trị viên.',
    'common.refresh': 'Làm mới',
    'common.reload': 'Tải lại',
    'common.cancel': 'Hủy',
    'common.none': '(không có)',
    'common.yes': 'Có',
    'common.no': 'Không',
    'common.back': '← Danh sách bộ kết nối',
    'common.reason': 'Lý do (bắt buộc)',
    'common.reasonHint': 'Ghi rõ căn cứ, ví dụ số công văn; lý do được lưu trong lịch sử.',
    'common.updatedAt': 'Cập nhật lúc {time}',
    'error.network': 'Không kết nối được tới máy chủ LGSP.',
    'error.code': 'Mã lỗi',
    'adapters.title': 'Bộ kết nối',
    'adapters.lead': 'Tình trạng các bộ kết nối tới CSDL quốc gia và cổng dịch vụ công; tự làm mới mỗi {seconds} giây.',
    'adapters.source': 'Nguồn',
    'adapters.kind': 'Loại',
    'adapters.enabled': 'Hoạt động',
    'adapters.circuit': 'Mạch ngắt',
    'adapters.errorRate': 'Tỷ lệ lỗi',
    'adapters.p95': 'p95 (ms)',
    'adapters.calls': 'Số lượt gọi',
    'adapters.version': 'Phiên bản',
    'adapters.baseUrl': 'Địa chỉ gốc',
    'adapters.empty': 'Chưa có bộ kết nối nào.',
    'kind.lookup': 'tra cứu',
    'kind.sync': 'đồng bộ',
    'state.enabled': 'đang bật',
    'state.disabled': 'đang tắt',
    'circuit.closed': 'đóng',
    'circuit.open': 'mở',
    'circuit.half-open': 'nửa mở',
    'circuit.unknown': 'chưa rõ',
    'origin.files': 'tệp cấu hình',
    'origin.operator': 'người vận hành',
    'adapter.title': 'Bộ kết nối {source}',
    'adapter.version': 'Phiên bản',
    'adapter.origin': 'Nguồn cấu hình',
    'adapter.changedAt': 'Thay đổi lúc',
    'adapter.changedBy': 'Người thay đổi',
    'adapter.reason': 'Lý do',
    'adapter.health': 'Sức khỏe',
    'adapter.window': 'trong {seconds} giây gần nhất',
    'adapter.lastFailure': 'Lỗi gần nhất',
    'adapter.p50': 'p50 (ms)',
    'adapter.state': 'Trạng thái',
    'adapter.enableTitle': 'Bật / tắt bộ kết nối',
    'adapter.enableLead': 'Khi tắt, bên gọi nhận lỗi 503 "nguồn đang bảo trì" và không có lời gọi nào tới hệ thống nguồn.',
    'adapter.enable': 'Bật bộ kết nối',
    'adapter.disable': 'Tắt bộ kết nối',
    'adapter.enabledDone': 'Đã bật bộ kết nối (phiên bản {version}).',
    'adapter.disabledDone': 'Đã tắt bộ kết nối (phiên bản {version}).',
    'adapter.testTitle': 'Kiểm tra kết nối',
    'adapter.testCandidate': 'Địa chỉ thử (để trống: địa chỉ hiện tại)',
    'adapter.test': 'Kiểm tra',
    'adapter.testReachable': 'Kết nối được tới {target}: HTTP {status}, {latency} ms.',
    'adapter.testUnreachable': 'Không kết nối được tới {target}: {message} ({code}).',
    'adapter.editTitle': 'Sửa cấu hình',
    'adapter.editLead': 'Chỉ những giá trị thay đổi được gửi đi; thay đổi có hiệu lực ngay và tạo phiên bản mới.',
    'adapter.attemptTimeout': 'Thời gian chờ mỗi lần gọi',
    'adapter.totalTimeout': 'Thời gian chờ tổng',
    'adapter.timeHint': 'Dạng hh:mm:ss, ví dụ 00:00:05',
    'adapter.maxRetryAttempts': 'Số lần thử lại',
    'adapter.permitLimit': 'Số lời gọi đồng thời tối đa',
    'adapter.queueLimit': 'Hàng đợi tối đa',
    'adapter.rateLimitOn': 'Giới hạn tần suất gọi',
    'adapter.ratePermitLimit': 'Số lời gọi mỗi cửa sổ',
    'adapter.rateWindow': 'Cửa sổ thời gian',
    'adapter.credentialsSecret': 'Tên biến bí mật chứa thông tin xác thực',
    'adapter.credentialsHint': 'Chỉ là tên biến môi trường; giá trị bí mật không bao giờ hiển thị.',
    'adapter.otherSettings': 'Các thiết lập khác (JSON)',
    'adapter.otherHint': 'Ví dụ ánh xạ mã (mappings), ngắt mạch, độ trễ thử lại. Xóa một khóa để bỏ thiết lập đó.',
    'adapter.invalidJson': 'JSON không hợp lệ: {message}',
    'adapter.notObject': 'Phải là một đối tượng JSON ({ … }).',
    'adapter.save': 'Lưu thay đổi',
    'adapter.noChanges': 'Không có thay đổi nào để lưu.',
    'adapter.saved': 'Đã lưu: phiên bản {version}.',
    'adapter.fixErrors': 'Cấu hình chưa được lưu, chưa có gì thay đổi. Hãy sửa các lỗi bên dưới.',
    'adapter.conflict': 'Người khác vừa thay đổi bộ kết nối này (phiên bản hiện tại: {version}). Thay đổi của bạn chưa được lưu.',
    'adapter.conflictReload': 'Tải lại phiên bản mới nhất',
    'history.title': 'Lịch sử thay đổi',
    'history.version': 'Phiên bản {version}',
    'history.current': 'hiện tại',
    'history.by': 'bởi {by}',
    'history.rolledBackTo': 'khôi phục về phiên bản {version}',
    'history.path': 'Thiết lập',
    'history.from': 'Trước',
    'history.to': 'Sau',
    'history.noChanges': 'Không có thay đổi thiết lập.',
    'history.filesNote': 'Cấu hình gốc từ tệp cấu hình của hệ thống.',
    'history.rollback': 'Khôi phục về phiên bản này',
    'history.rollbackConfirm': 'Xác nhận khôi phục về phiên bản {version}',
    'history.rolledBack': 'Đã khôi phục về phiên bản {to}: phiên bản mới {version}.',
    'action.change': 'thay đổi',
    'action.enable': 'bật',
    'action.disable': 'tắt',
    'action.rollback': 'khôi phục',
    'action.files': 'tệp cấu hình',
    'dead.title': 'Thư chết (sự kiện không gửi được)',
    'dead.lead': 'Sự kiện đồng bộ trạng thái hồ sơ đã hết số lần gửi lại. Gửi lại sau khi đã khắc phục nguyên nhân.',
    'dead.destination': 'Nơi nhận',
    'dead.all': 'Tất cả',
    'dead.position': 'Vị trí',
    'dead.dossier': 'Mã hồ sơ',
    'dead.type': 'Loại sự kiện',
    'dead.deadAt': 'Thời điểm',
    'dead.reason': 'Nguyên nhân',
    'dead.attempts': 'Số lần thử',
    'dead.replay': 'Gửi lại',
    'dead.replayed': 'Đã đưa sự kiện {id} vào hàng gửi lại.',
    'dead.empty': 'Không có thư chết.',
    'dead.more': 'Trang sau',
    'clients.title': 'Ứng dụng khách và quyền truy cập',
    'clients.lead': 'Chỉ xem: cấu hình trong config/identity.json và config/access-rights.json.',
    'clients.clientId': 'Mã ứng dụng',
    'clients.name': 'Tên',
    'clients.type': 'Loại',
    'clients.grants': 'Luồng cấp quyền',
    'clients.scopes': 'Phạm vi',
    'clients.redirects': 'Địa chỉ chuyển hướng',
    'clients.rights': 'Quyền truy cập',
    'clients.agency': 'Mã cơ quan',
    'clients.purposes': 'mục đích',
    'clients.fields': 'trường',
    'clients.allFields': 'mọi trường',
    'clients.noRights': 'Không có quyền tra cứu.',
  },
  en: {
    'app.title': 'LGSP operations console',
    'app.loading': 'Loading…',
    'nav.adapters': 'Adapters',
    'nav.deadLetters': 'Dead letters',
    'nav.clients': 'Clients',
    'nav.label': 'Navigation',
    'lang.other': 'Tiếng Việt',
    'auth.signIn': 'Sign in',
    'auth.signOut': 'Sign out',
    'auth.signedOutTitle': 'Sign in to operate LGSP',
    'auth.signedOutLead': 'The console uses the hub\'s single sign-on. The account needs the lgsp-operator role.',
    'auth.expired': 'Your session has expired. Please sign in again.',
    'auth.stateMismatch': 'The sign-in answer does not match the request (state). Please sign in again.',
    'auth.failed': 'Sign-in failed: {error}',
    'auth.forbidden': 'The account {user} may not administer LGSP (the lgsp-operator role is needed). Sign in with an operator account or ask an administrator.',
    'common.refresh': 'Refresh',
    'common.reload': 'Reload',
    'common.cancel': 'Cancel',
    'common.none': '(none)',
    'common.yes': 'Yes',
    'common.no': 'No',
    'common.back': '← All adapters',
    'common.reason': 'Reason (required)',
    'common.reasonHint': 'Say why, e.g. the official letter\'s number; the reason is kept in the history.',
    'common.updatedAt': 'Updated at {time}',
    'error.network': 'The LGSP hub cannot be reached.',
    'error.code': 'Error code',
    'adapters.title': 'Adapters',
    'adapters.lead': 'The state of the adapters to the national databases and portals; refreshed every {seconds} seconds.',
    'adapters.source': 'Source',
    'adapters.kind': 'Kind',
    'adapters.enabled': 'Enabled',
    'adapters.circuit': 'Circuit',
    'adapters.errorRate': 'Error rate',
    'adapters.p95': 'p95 (ms)',
    'adapters.calls': 'Calls',
    'adapters.version': 'Version',
    'adapters.baseUrl': 'Base URL',
    'adapters.empty': 'No adapters.',
    'kind.lookup': 'lookup',
    'kind.sync': 'sync',
    'state.enabled': 'enabled',
    'state.disabled': 'disabled',
    'circuit.closed': 'closed',
    'circuit.open': 'open',
    'circuit.half-open': 'half-open',
    'circuit.unknown': 'unknown',
    'origin.files': 'configuration files',
    'origin.operator': 'operator',
    'adapter.title': 'Adapter {source}',
    'adapter.version': 'Version',
    'adapter.origin': 'Settings from',
    'adapter.changedAt': 'Changed at',
    'adapter.changedBy': 'Changed by',
    'adapter.reason': 'Reason',
    'adapter.health': 'Health',
    'adapter.window': 'over the last {seconds} seconds',
    'adapter.lastFailure': 'Last failure',
    'adapter.p50': 'p50 (ms)',
    'adapter.state': 'State',
    'adapter.enableTitle': 'Enable / disable',
    'adapter.enableLead': 'While disabled, callers get 503 "source under maintenance" and nothing is sent to the source.',
    'adapter.enable': 'Enable adapter',
    'adapter.disable': 'Disable adapter',
    'adapter.enabledDone': 'Adapter enabled (version {version}).',
    'adapter.disabledDone': 'Adapter disabled (version {version}).',
    'adapter.testTitle': 'Test connectivity',
    'adapter.testCandidate': 'Candidate URL (empty: the current one)',
    'adapter.test': 'Test',
    'adapter.testReachable': '{target} is reachable: HTTP {status}, {latency} ms.',
    'adapter.testUnreachable': '{target} is not reachable: {message} ({code}).',
    'adapter.editTitle': 'Edit settings',
    'adapter.editLead': 'Only changed values are sent; a change takes effect at once as a new version.',
    'adapter.attemptTimeout': 'Attempt timeout',
    'adapter.totalTimeout': 'Total timeout',
    'adapter.timeHint': 'hh:mm:ss, e.g. 00:00:05',
    'adapter.maxRetryAttempts': 'Retries',
    'adapter.permitLimit': 'Concurrent calls (permits)',
    'adapter.queueLimit': 'Queue limit',
    'adapter.rateLimitOn': 'Rate limit',
    'adapter.ratePermitLimit': 'Calls per window',
    'adapter.rateWindow': 'Window',
    'adapter.credentialsSecret': 'Credentials secret name',
    'adapter.credentialsHint': 'Only the environment variable\'s name; secret values are never shown.',
    'adapter.otherSettings': 'Other settings (JSON)',
    'adapter.otherHint': 'E.g. code mappings, circuit breaker, retry delays. Remove a key to drop that setting.',
    'adapter.invalidJson': 'Invalid JSON: {message}',
    'adapter.notObject': 'Must be a JSON object ({ … }).',
    'adapter.save': 'Save changes',
    'adapter.noChanges': 'Nothing changed.',
    'adapter.saved': 'Saved: version {version}.',
    'adapter.fixErrors': 'Not saved; nothing was changed. Fix the errors below.',
    'adapter.conflict': 'Someone else changed this adapter (now version {version}). Your change was not saved.',
    'adapter.conflictReload': 'Reload the latest version',
    'history.title': 'History',
    'history.version': 'Version {version}',
    'history.current': 'current',
    'history.by': 'by {by}',
    'history.rolledBackTo': 'rolled back to version {version}',
    'history.path': 'Setting',
    'history.from': 'Before',
    'history.to': 'After',
    'history.noChanges': 'No setting changed.',
    'history.filesNote': 'The settings of the configuration files.',
    'history.rollback': 'Roll back to this version',
    'history.rollbackConfirm': 'Roll back to version {version}',
    'history.rolledBack': 'Rolled back to version {to}: new version {version}.',
    'action.change': 'change',
    'action.enable': 'enable',
    'action.disable': 'disable',
    'action.rollback': 'rollback',
    'action.files': 'files',
    'dead.title': 'Dead letters (events that could not be delivered)',
    'dead.lead': 'Dossier status events that ran out of delivery attempts. Replay them once the cause is fixed.',
    'dead.destination': 'Destination',
    'dead.all': 'All',
    'dead.position': 'Position',
    'dead.dossier': 'Dossier code',
    'dead.type': 'Event type',
    'dead.deadAt': 'At',
    'dead.reason': 'Reason',
    'dead.attempts': 'Attempts',
    'dead.replay': 'Replay',
    'dead.replayed': 'Event {id} queued for replay.',
    'dead.empty': 'No dead letters.',
    'dead.more': 'Next page',
    'clients.title': 'Clients and access rights',
    'clients.lead': 'Read-only: configured in config/identity.json and config/access-rights.json.',
    'clients.clientId': 'Client id',
    'clients.name': 'Name',
    'clients.type': 'Type',
    'clients.grants': 'Grant types',
    'clients.scopes': 'Scopes',
    'clients.redirects': 'Redirect URIs',
    'clients.rights': 'Access rights',
    'clients.agency': 'Agency code',
    'clients.purposes': 'purposes',
    'clients.fields': 'fields',
    'clients.allFields': 'all fields',
    'clients.noRights': 'No lookup rights.',
  },
};

const storageKey = 'lgsp.console.lang';
let current = readLanguage();

function readLanguage() {
  try {
    return localStorage.getItem(storageKey) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function language() {
  return current;
}

export function setLanguage(lang) {
  current = lang === 'en' ? 'en' : 'vi';
  try {
    localStorage.setItem(storageKey, current);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  document.documentElement.lang = current;
}

/** The text for key in the current language, with {name} placeholders filled from vars. */
export function t(key, vars = {}) {
  const text = texts[current][key] ?? texts.vi[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : `{${name}}`));
}

/** Fills the static parts of index.html marked with data-i18n. */
export function translateStatic(root = document) {
  for (const element of root.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
  document.title = t('app.title');
  document.getElementById('nav')?.setAttribute('aria-label', t('nav.label'));
  const toggle = document.getElementById('lang-toggle');
  if (toggle) {
    toggle.textContent = t('lang.other');
    toggle.lang = current === 'vi' ? 'en' : 'vi';
  }
}

export function formatNumber(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) {
    return '–';
  }
  return new Intl.NumberFormat(current === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits }).format(value);
}

export function formatPercent(value) {
  if (value === null || value === undefined) {
    return '–';
  }
  return new Intl.NumberFormat(current === 'vi' ? 'vi-VN' : 'en-GB', { style: 'percent', maximumFractionDigits: 2 }).format(value);
}

export function formatTime(iso) {
  if (!iso) {
    return '–';
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  // Operators work in Vietnam's time whatever the browser's zone.
  return new Intl.DateTimeFormat(current === 'vi' ? 'vi-VN' : 'en-GB', {
    dateStyle: 'short', timeStyle: 'medium', timeZone: 'Asia/Ho_Chi_Minh',
  }).format(date);
}
