DROP TABLE jf_posts;
