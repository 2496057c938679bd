// Makes its children a drop target for files; shows an overlay while files are dragged over it.
import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const hasFiles = (e: DragEvent) => [...e.dataTransfer.types].includes('Files');

export function DropZone({
  onFiles,
  onEmptyDrop,
  children,
  label,
}: {
  onFiles: (files: File[]) => void;
  onEmptyDrop: () => void;
  children: ReactNode;
  label: string;
}) {
  const { t } = useTranslation();
  const [over, setOver] = useState(false);
  // dragenter/dragleave fire for every child element; count them to know when the pointer really left.
  const depth = useRef(0);
  return (
    <section
      className="inbox"
      aria-label={label}
      data-testid="drop-zone"
      onDragEnter={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        depth.current += 1;
        setOver(true);
      }}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        depth.current = 0;
        setOver(false);
        const files = [...e.dataTransfer.files];
        if (files.length > 0) onFiles(files);
        else onEmptyDrop();
      }}
    >
      {children}
      {over && (
        <div className="drop-overlay" aria-hidden="true">
          {t('import.dropHere')}
        </div>
      )}
    </section>
  );
}
