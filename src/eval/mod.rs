//! Checked rules × mentions → outcomes. Pure: no IO.
