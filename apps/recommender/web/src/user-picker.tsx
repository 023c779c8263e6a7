// Choose whose recommendations to show: a user id, or a fresh id for someone the model has never seen.
import { useState } from 'preact/hooks';

/** New users get ids far above any demo or MovieLens id, so they start with no history. */
const newUserId = () => 900_000 + Math.floor(Math.random() * 99_999);

export function UserPicker({ userId, onPick }: { userId: number | undefined; onPick(id: number): void }) {
  const [text, setText] = useState(userId ? String(userId) : '1');
  const valid = /^[1-9]\d{0,9}$/.test(text) && Number(text) <= 2 ** 31 - 1;
  return (
    <form
      class="row"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) onPick(Number(text));
      }}
    >
      <label>
        User id
        <input inputMode="numeric" value={text} size={8} onInput={(e) => setText(e.currentTarget.value)} />
      </label>
      <button type="submit" disabled={!valid}>
        Show recommendations
      </button>
      <button
        type="button"
        class="secondary"
        onClick={() => {
          const id = newUserId();
          setText(String(id));
          onPick(id);
        }}
      >
        Start as a new user
      </button>
      {!valid && <span class="error">A user id is a positive whole number.</span>}
    </form>
  );
}
