// What the last save of a settings section did, shown in that section: the owner is looking at
// the form they just saved, not at the top of a long page.
import { useApp } from '../../stores/app-store';
import { useSettings, type SettingsSection } from '../../stores/settings-store';
import { errorText } from '../../i18n';
import { ErrorBox } from '../../components/ErrorBox';

export function SectionStatus({ sections }: { sections: readonly SettingsSection[] }) {
  const { t, locale } = useApp();
  const { saved, error, failed } = useSettings();
  if (error && failed && sections.includes(failed)) {
    return <ErrorBox message={errorText(t, locale, error)} detail={error.detail} detailLabel={t('common.detail')} />;
  }
  return saved && sections.includes(saved) ? <span className="ok-text">{t('settings.saved')}</span> : null;
}
