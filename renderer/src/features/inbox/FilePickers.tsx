import { useCallback, useRef, type ChangeEvent } from 'react';
import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/use-i18n.js';
import { useAppStore } from '../../stores/store-context.js';

/** "Choose files" and "Choose folder" (a folder of CFDI XML files, say), over hidden file inputs. */
export function FilePickers({ small = false }: { small?: boolean }) {
  const { t } = useI18n();
  const addFiles = useAppStore((state) => state.addFiles);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  // React has no typed prop for webkitdirectory: set the attribute on the element itself.
  const folderRef = useCallback((node: HTMLInputElement | null) => {
    folderInput.current = node;
    node?.setAttribute('webkitdirectory', '');
  }, []);

  const onChange = (event: ChangeEvent<HTMLInputElement>): void => {
    const files = [...(event.target.files ?? [])];
    // Clear the input so that choosing the same file again still reports a change.
    event.target.value = '';
    if (files.length > 0) void addFiles(files);
  };
  const size = small ? 'btn btn-small' : 'btn';

  return (
    <>
      <button type="button" className={size} onClick={() => filesInput.current?.click()}>
        <Icon name="file" /> {t('inbox.chooseFiles')}
      </button>
      <button type="button" className={size} onClick={() => folderInput.current?.click()}>
        <Icon name="folder" /> {t('inbox.chooseFolder')}
      </button>
      <input ref={filesInput} type="file" multiple hidden tabIndex={-1} aria-hidden="true" data-testid="choose-files" onChange={onChange} />
      <input ref={folderRef} type="file" multiple hidden tabIndex={-1} aria-hidden="true" data-testid="choose-folder" onChange={onChange} />
    </>
  );
}
