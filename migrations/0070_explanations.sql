-- Explanations of pending matches by a chat model (optional, off by default): each answer is
-- kept so the same question is asked once. key = 'explain:v<prompt version>:' + sha256 of the
-- server, the model, the prompt version and the question; answer = {"text": …, "ranking": […]}.
-- An answer is a suggestion shown to a person: nothing here changes a match.
CREATE TABLE explanation_cache (
  key         TEXT PRIMARY KEY,
  model       TEXT NOT NULL,
  answer      TEXT NOT NULL CHECK (json_valid(answer)),
  created_at  TEXT NOT NULL
) STRICT;
