/** Page headings and tab titles from the manifest (plural label, record title): components/action-header.tsx. */
import { componentLoader, componentSource } from './components.js';

componentLoader.override('ActionHeader', componentSource('admin/components/action-header.tsx'));
