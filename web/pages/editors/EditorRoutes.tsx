import { createContext, useContext } from 'react';
import { Outlet, Route, Routes, useLocation, useParams } from 'react-router';
import type { Mechanism } from '../../api/types.ts';
import { FreshMechanism } from '../../components/FreshMechanism.tsx';
import { NotFoundPage } from '../NotFoundPage.tsx';
import { EditorPage } from './EditorPage.tsx';
import { isEditorKind } from './kinds.ts';

/**
 * The editors' routes, under /m/:mechanismId/edit/: `:kind/new` and `:kind/:id`, which any
 * page may link to (`?round=` or `?parent=` prefill the record it hangs from; any field's own
 * name prefills that field). Outside the mechanism pages' scope on purpose: going back after
 * a save mounts those pages afresh, so they show the change.
 */
export function EditorRoutes() {
  return (
    <Routes>
      <Route element={<EditorScope />}>
        <Route path=":kind/new" element={<EditorRoute />} />
        <Route path=":kind/:id" element={<EditorRoute />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

const EditorMechanism = createContext<Mechanism | null>(null);

export function useEditorMechanism(): Mechanism {
  const mechanism = useContext(EditorMechanism);
  if (!mechanism) throw new Error('useEditorMechanism outside EditorScope');
  return mechanism;
}

function EditorScope() {
  return (
    <FreshMechanism readKey="editor-overview">
      {(mechanism) => (
        <EditorMechanism value={mechanism}>
          <Outlet />
        </EditorMechanism>
      )}
    </FreshMechanism>
  );
}

/** A fresh editor on every navigation (a new record after an edit must not keep its inputs). */
function EditorRoute() {
  const { kind, id } = useParams();
  const location = useLocation();
  if (!isEditorKind(kind)) return <NotFoundPage />;
  return <EditorPage key={location.key} kind={kind} id={id} />;
}
