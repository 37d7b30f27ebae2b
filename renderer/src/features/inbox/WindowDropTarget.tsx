import { useEffect, useRef, useState } from 'react';
import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../stores/store-context.js';
import { carriesFiles, takeDroppedFiles } from './dropped-files.js';

/**
 * Files dragged anywhere over the window show a full-window drop target; dropping them opens
 * the Inbox and previews them. Works on every screen of the logged-in app.
 */
export function WindowDropTarget() {
  const { t } = useI18n();
  const addFiles = useAppStore((state) => state.addFiles);
  const navigate = useAppStore((state) => state.navigate);
  const [dragging, setDragging] = useState(false);
  const onDrop = useRef<(files: File[]) => void>(() => undefined);
  useEffect(() => {
    onDrop.current = (files) => {
      navigate('inbox');
      void addFiles(files);
    };
  });

  useEffect(() => {
    // dragenter/dragleave fire for every element crossed: count them to know when the window is left.
    let depth = 0;
    const enter = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth += 1;
      setDragging(true);
    };
    const over = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      // Without preventDefault the browser would open the file instead of letting the app have it.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const leave = (event: DragEvent): void => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (event: DragEvent): void => {
      if (!carriesFiles(event) || !event.dataTransfer) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      void takeDroppedFiles(event.dataTransfer).then((files) => {
        if (files.length > 0) onDrop.current(files);
      });
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);

  if (!dragging) return null;
  return (
    <div className="drop-target" data-testid="drop-target">
      <div className="drop-target-box" role="status" aria-live="assertive">
        <Icon name="upload" size={40} className="drop-target-icon" />
        <p className="drop-target-title">{t('drop.title')}</p>
        <p className="drop-target-body">{t('drop.body')}</p>
      </div>
    </div>
  );
}
