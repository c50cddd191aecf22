import { mountInUiLang } from '@/lib/ui/mount';
import { StatsPage } from './StatsPage';

mountInUiLang('stats.title', (lang) => <StatsPage key={lang} lang={lang} />);
