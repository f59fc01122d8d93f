import { useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n/i18n';

export const CAD_EXTENSIONS = ['.stl', '.3mf', '.obj', '.step', '.stp', '.iges', '.igs'];

/** Drag-and-drop area that is also a keyboard-reachable button opening the file picker. */
export function Dropzone({ onFiles }: { onFiles: (files: File[]) => void }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const drop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    const files = [...event.dataTransfer.files];
    if (files.length) onFiles(files);
  };
  const key = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      input.current?.click();
    }
  };
  return (
    <div
      className={`dropzone${over ? ' over' : ''}`}
      role="button"
      tabIndex={0}
      aria-label={`${t('designer.parts.dropTitle')} — ${t('designer.parts.dropHint')}`}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      onClick={() => input.current?.click()}
      onKeyDown={key}
      data-testid="dropzone"
    >
      <strong>{t('designer.parts.dropTitle')}</strong>
      <span className="muted">{t('designer.parts.dropHint')}</span>
      <span className="button-like">{t('designer.parts.chooseFiles')}</span>
      <input
        ref={input}
        type="file"
        multiple
        accept={CAD_EXTENSIONS.join(',')}
        hidden
        data-testid="file-input"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          if (files.length) onFiles(files);
        }}
      />
    </div>
  );
}
