//! Rule files → syntax tree with spans (nom). Parsing never fails: it returns
//! the tree it could build and every error it met.
