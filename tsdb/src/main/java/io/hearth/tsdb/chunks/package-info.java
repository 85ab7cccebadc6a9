/**
 * On-disk chunk formats shared by the head and blocks: the head chunks files ({@code chunks_head})
 * that keep full head chunks out of the Java heap and out of anonymous memory.
 */
package io.hearth.tsdb.chunks;
