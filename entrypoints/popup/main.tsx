import { mountInUiLang } from '@/lib/ui/mount';
import { Popup } from './Popup';

mountInUiLang('ext.name', (lang) => <Popup key={lang} lang={lang} />);
